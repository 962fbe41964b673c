<?php
/**
 * Words for the daemon's sync runs: the cache stores machine words (`catalogue`, `failed`,
 * `awin`, ISO UTC times); the admin shows them in the site's language and time zone.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Admin;

use Afflux\Settings\NetworkFields;

/**
 * Display labels for a sync run's kind, status, network and times.
 */
final class SyncRunLabels {

	/**
	 * The kind of sync, in words; an unknown kind (a newer daemon) is shown as stored.
	 *
	 * @param string $kind Stored kind: programmes, catalogue, links or commissions.
	 */
	public static function kind( string $kind ): string {
		return match ( $kind ) {
			'programmes'  => __( 'Programmes', 'afflux' ),
			'catalogue'   => __( 'Catalogue', 'afflux' ),
			'links'       => __( 'Links', 'afflux' ),
			'commissions' => __( 'Commissions', 'afflux' ),
			default       => $kind,
		};
	}

	/**
	 * The run's status, in words; an unknown status is shown as stored.
	 *
	 * @param string $status Stored status: running, ok or failed.
	 */
	public static function status( string $status ): string {
		return match ( $status ) {
			'running' => _x( 'running', 'sync run status', 'afflux' ),
			'ok'      => _x( 'succeeded', 'sync run status', 'afflux' ),
			'failed'  => _x( 'failed', 'sync run status', 'afflux' ),
			default   => $status,
		};
	}

	/**
	 * The network's own name (Awin, TikTok Shop…), or the stored key when it is not one of ours.
	 *
	 * @param string $network Stored network key.
	 */
	public static function network( string $network ): string {
		// The names are brands, the same in every language: built once, not once per row.
		static $labels = null;
		$labels      ??= array_map( static fn ( array $fields ): string => $fields['label'], NetworkFields::all() );
		return $labels[ $network ] ?? $network;
	}

	/**
	 * A stored UTC time in the site's date and time format and time zone; '' for none, and
	 * the stored text itself when it is not a time (so nothing is hidden from the site owner).
	 *
	 * @param string|null $iso_utc Stored ISO 8601 UTC time.
	 */
	public static function time( ?string $iso_utc ): string {
		if ( null === $iso_utc || '' === $iso_utc ) {
			return '';
		}
		$timestamp = strtotime( $iso_utc );
		if ( false === $timestamp ) {
			return $iso_utc;
		}
		$formatted = wp_date( (string) get_option( 'date_format' ) . ' ' . (string) get_option( 'time_format' ), $timestamp );
		return false === $formatted ? $iso_utc : $formatted;
	}
}
