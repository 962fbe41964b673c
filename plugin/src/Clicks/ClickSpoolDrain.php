<?php
/**
 * Moves spooled clicks into the click table.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Clicks;

use Afflux\Service;

/**
 * Drains ClickSpool into {prefix}afflux_clicks: every minute from WP-Cron, on admin page loads
 * when clicks are waiting, and before the daily totals. One drain at a time (a lock file);
 * each batch is inserted in multi-row statements keyed by its lines' unique ids, then deleted,
 * so a drain that stops half-way (a crash, the database gone) is simply run again: rows
 * already in are not inserted twice, and the batch stays until every line is in.
 */
final class ClickSpoolDrain implements Service {

	public const CRON_HOOK = 'afflux_clicks_drain';

	public const CRON_SCHEDULE = 'afflux_every_minute';

	/**
	 * Rows per INSERT statement.
	 */
	private const CHUNK = 500;

	/**
	 * The spool.
	 *
	 * @var ClickSpool
	 */
	private ClickSpool $spool;

	/**
	 * Builds the drain.
	 *
	 * @param ClickSpool|null $spool The spool; null: the site's (wp-content/afflux-clicks).
	 */
	public function __construct( ?ClickSpool $spool = null ) {
		$this->spool = $spool ?? ClickSpool::in( WP_CONTENT_DIR );
	}

	/**
	 * Hooks the minute schedule and the admin-page drain.
	 */
	public function init(): void {
		add_filter( 'cron_schedules', array( $this, 'add_schedule' ) ); // phpcs:ignore WordPress.WP.CronInterval -- clicks should reach the dashboard within a minute or two; an empty spool costs one stat.
		add_action( self::CRON_HOOK, array( $this, 'drain' ) );
		add_action( 'init', array( $this, 'schedule' ) );
		add_action( 'admin_init', array( $this, 'drain_if_waiting' ) );
	}

	/**
	 * Adds the one-minute WP-Cron interval.
	 *
	 * @param mixed $schedules Known intervals (an array, unless another filter broke it).
	 * @return array<mixed>
	 */
	public function add_schedule( $schedules ): array {
		$schedules                        = is_array( $schedules ) ? $schedules : array();
		$schedules[ self::CRON_SCHEDULE ] = array(
			'interval' => 60,
			'display'  => __( 'Every minute', 'afflux' ),
		);
		return $schedules;
	}

	/**
	 * Schedules the drain once.
	 */
	public function schedule(): void {
		if ( false === wp_next_scheduled( self::CRON_HOOK ) ) {
			wp_schedule_event( time() + 60, self::CRON_SCHEDULE, self::CRON_HOOK );
		}
	}

	/**
	 * Drains when anything is waiting (admin page loads: a stat when nothing is).
	 */
	public function drain_if_waiting(): void {
		if ( $this->spool->has_waiting() ) {
			$this->drain();
		}
	}

	/**
	 * Moves every waiting click into the table; the number of rows inserted. Returns 0 at
	 * once when another drain is running.
	 *
	 * @param int|null $now Unix time, for tests.
	 */
	public function drain( ?int $now = null ): int {
		if ( ! is_dir( $this->spool->dir ) ) {
			return 0;
		}
		// phpcs:disable WordPress.WP.AlternativeFunctions, WordPress.PHP.NoSilencedErrors.Discouraged -- a lock file, not content.
		$lock = @fopen( $this->spool->dir . '/drain.lock', 'c' );
		if ( false === $lock ) {
			return 0;
		}
		if ( ! flock( $lock, LOCK_EX | LOCK_NB ) ) {
			fclose( $lock );
			return 0;
		}
		$inserted = 0;
		try {
			foreach ( $this->spool->claim( $now ?? time() ) as $batch ) {
				$inserted += $this->drain_batch( $batch );
				@unlink( $batch );
			}
		} catch ( \Throwable $error ) {
			// The batch stays; the next drain inserts what is missing.
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the admin needs to know clicks are waiting.
			error_log( 'Afflux: spooled clicks could not be moved to the database yet: ' . $error->getMessage() );
		} finally {
			flock( $lock, LOCK_UN );
			fclose( $lock );
		}
		// phpcs:enable
		return $inserted;
	}

	/**
	 * Inserts one batch's clicks; the rows inserted (lines already in count 0).
	 *
	 * @param string $batch A batch file.
	 * @throws \RuntimeException When the database refuses a statement.
	 */
	private function drain_batch( string $batch ): int {
		$id   = ClickSpool::batch_id( $batch );
		$rows = array();
		foreach ( $this->spool->lines( $batch ) as $number => $line ) {
			$click = self::parse( $line );
			if ( null === $click ) {
				// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- names the file and line so nothing is silently dropped.
				error_log( sprintf( 'Afflux: %s line %d is not a click row; skipped.', basename( $batch ), $number ) );
				continue;
			}
			// A record without its own id (written by an earlier version) is named by its place.
			$rows[] = array_merge( array( $click['id'] ?? $id . '-' . $number ), $click['row'] );
		}
		$inserted = 0;
		foreach ( array_chunk( $rows, self::CHUNK ) as $chunk ) {
			$inserted += $this->insert( $chunk );
		}
		return $inserted;
	}

	/**
	 * One multi-row INSERT; a line already in (same click_uid) is left as it is.
	 *
	 * @param list<list<int|string>> $rows click_uid then the ClickLog::row() columns.
	 * @throws \RuntimeException When the database refuses it.
	 */
	private function insert( array $rows ): int {
		global $wpdb;
		$table  = ClickSchema::clicks_table();
		$tuple  = '(%s, %s, %d, %s, %d, %s, %s, %s, %s, %d, %s)';
		$values = array();
		foreach ( $rows as $row ) {
			$values[] = $wpdb->prepare( $tuple, $row ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- $tuple is a constant list of placeholders.
		}
		$suppress = $wpdb->suppress_errors( true );
		// phpcs:disable WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- each tuple is prepared above; an append-only log.
		$result = $wpdb->query(
			"INSERT INTO {$table} (click_uid, clicked_at, post_id, placement_id, product_id, network, outcome, referrer_host, device, is_bot, visitor_key)
			 VALUES " . implode( ', ', $values ) . ' ON DUPLICATE KEY UPDATE id = id'
		);
		// phpcs:enable
		$wpdb->suppress_errors( $suppress );
		if ( false === $result ) {
			throw new \RuntimeException( (string) $wpdb->last_error ); // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped -- a log message.
		}
		return (int) $result;
	}

	/**
	 * A spool record checked against the click row's shape (the file is on disk: trust nothing):
	 * its click id (null in a record of an earlier version, which had none) and row; null when
	 * it is not one.
	 *
	 * @param string $line One JSON list: the click id (ClickSpool::click_id()), then the row.
	 * @return array{id: string|null, row: list<int|string>}|null
	 */
	public static function parse( string $line ): ?array {
		$values = json_decode( $line, true );
		if ( ! is_array( $values ) || ! array_is_list( $values ) ) {
			return null;
		}
		$id = 11 === count( $values ) ? array_shift( $values ) : null;
		if ( 10 !== count( $values ) || ( null !== $id && ( ! is_string( $id ) || 1 !== preg_match( '/^[0-9a-f]{1,8}-[0-9a-f]{1,8}-[0-9a-f]{1,16}$/D', $id ) ) ) ) {
			return null;
		}
		list( $at, $post, $placement, $product, $network, $outcome, $referrer, $device, $bot, $key ) = $values;
		$ok = is_string( $at ) && 1 === preg_match( '/^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$/D', $at )
			&& is_int( $post ) && $post >= 0
			&& is_string( $placement ) && strlen( $placement ) <= 16
			&& is_int( $product ) && $product >= 0
			&& is_string( $network ) && strlen( $network ) <= 32
			&& is_string( $outcome ) && strlen( $outcome ) <= 16
			&& is_string( $referrer ) && strlen( $referrer ) <= 191
			&& is_string( $device ) && strlen( $device ) <= 8
			&& ( 0 === $bot || 1 === $bot )
			&& is_string( $key ) && 1 === preg_match( '/^(?:[0-9a-f]{16})?$/D', $key );
		return $ok ? array(
			'id'  => $id,
			'row' => array( $at, $post, $placement, $product, $network, $outcome, $referrer, $device, $bot, $key ),
		) : null;
	}
}
