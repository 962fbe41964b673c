<?php
/**
 * Writes clicks through PDO, for the no-WordPress entry point.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Clicks;

use Afflux\Redirect\Destination;

// phpcs:disable WordPress.DB.RestrictedClasses.mysql__PDO -- plugin/go.php runs without WordPress, so without $wpdb.

/**
 * The same row ClickLog writes (ClickLog::row), into the same table, with the visitor key made
 * from the same daily salt row (VisitorKey's option, INSERT IGNORE then read, so both paths
 * agree on the one salt of the day). One INSERT per click: concurrent clicks are never lost.
 */
final class PdoClickStore {

	/**
	 * Builds the store.
	 *
	 * @param \PDO   $pdo           A connection to WordPress's database.
	 * @param string $clicks_table  {prefix}afflux_clicks.
	 * @param string $options_table {prefix}options.
	 */
	public function __construct(
		private readonly \PDO $pdo,
		private readonly string $clicks_table,
		private readonly string $options_table
	) {
	}

	/**
	 * Records a click; false when the database refused it (logged, the reader already went on).
	 *
	 * @param Destination  $destination Where the reader was sent.
	 * @param ClickRequest $request     The request's facts.
	 * @param bool         $may_key     Whether the visitor key may be computed (consent).
	 * @param int|null     $now         Unix time, for tests.
	 */
	public function record( Destination $destination, ClickRequest $request, bool $may_key, ?int $now = null ): bool {
		$now = $now ?? time();
		try {
			$key     = $may_key && ! $request->is_bot && '' !== $request->ip
				? VisitorKey::with_salt( $request->ip, $request->user_agent, $this->salt( gmdate( 'Y-m-d', $now ) ) )
				: '';
			$row     = ClickLog::row( $destination, $request, $key, $now );
			$columns = '`' . implode( '`, `', array_keys( $row ) ) . '`';
			$marks   = implode( ', ', array_fill( 0, count( $row ), '?' ) );
			$this->pdo->prepare( 'INSERT INTO `' . $this->clicks_table . "` ({$columns}) VALUES ({$marks})" )->execute( array_values( $row ) );
			return true;
		} catch ( \Throwable $error ) {
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the admin needs to know clicks are not being written.
			error_log( 'Afflux: a click could not be recorded: ' . $error->getMessage() );
			return false;
		}
	}

	/**
	 * The day's salt, created on first use exactly as VisitorKey::salt() creates it.
	 *
	 * @param string $day UTC day, Y-m-d.
	 */
	private function salt( string $day ): string {
		$name = VisitorKey::SALT_OPTION_PREFIX . $day;
		$read = $this->pdo->prepare( 'SELECT option_value FROM `' . $this->options_table . '` WHERE option_name = ?' );
		$read->execute( array( $name ) );
		$value = $read->fetchColumn();
		$read->closeCursor();
		if ( is_string( $value ) && '' !== $value ) {
			return $value;
		}
		$this->pdo->prepare( 'INSERT IGNORE INTO `' . $this->options_table . "` (option_name, option_value, autoload) VALUES (?, ?, 'yes')" )
			->execute( array( $name, bin2hex( random_bytes( 32 ) ) ) );
		$read->execute( array( $name ) );
		$value = $read->fetchColumn();
		$read->closeCursor();
		return is_string( $value ) ? $value : '';
	}
}
