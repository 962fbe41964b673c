<?php
/**
 * A five-field cron expression, as the daemon's schedules use.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Settings;

/**
 * Parses minute, hour, day of month, month and day of week (lists, ranges, steps, *), so the
 * settings refuse an expression the daemon would refuse, and sync health knows how often the
 * daemon should run.
 */
final class CronExpression {

	/**
	 * Lowest and highest value of each field.
	 */
	private const BOUNDS = array( array( 0, 59 ), array( 0, 23 ), array( 1, 31 ), array( 1, 12 ), array( 0, 7 ) );

	/**
	 * The allowed values of each field.
	 *
	 * @var array<int, array<int, true>>
	 */
	private array $allowed;

	/**
	 * Builds it from already-parsed fields.
	 *
	 * @param array<int, array<int, true>> $allowed Allowed values per field.
	 */
	private function __construct( array $allowed ) {
		$this->allowed = $allowed;
	}

	/**
	 * The expression, or null when it is not a valid five-field cron expression.
	 *
	 * @param string $expression E.g. "15 *\/4 * * *".
	 */
	public static function parse( string $expression ): ?self {
		$fields = preg_split( '/\s+/', trim( $expression ) );
		if ( false === $fields || 5 !== count( $fields ) ) {
			return null;
		}
		$allowed = array();
		foreach ( $fields as $index => $field ) {
			$values = self::parse_field( $field, self::BOUNDS[ $index ][0], self::BOUNDS[ $index ][1] );
			if ( null === $values ) {
				return null;
			}
			$allowed[ $index ] = $values;
		}
		// Sunday is both 0 and 7.
		if ( isset( $allowed[4][7] ) ) {
			$allowed[4][0] = true;
		}
		return new self( $allowed );
	}

	/**
	 * The longest gap between two runs over the next eight days, in seconds: how long the
	 * daemon may rightly stay silent.
	 *
	 * @param int $from Unix time to start from.
	 */
	public function longest_gap_seconds( int $from ): int {
		$start   = $from - ( $from % 60 );
		$longest = 0;
		$last    = null;
		for ( $minute = 0; $minute <= 8 * 1440; $minute++ ) {
			$time = $start + $minute * 60;
			if ( ! $this->matches( $time ) ) {
				continue;
			}
			if ( null !== $last ) {
				$longest = max( $longest, $time - $last );
			}
			$last = $time;
		}
		// Fewer than two runs in eight days (a monthly schedule): a month is the gap.
		return $longest > 0 ? $longest : 31 * 86400;
	}

	/**
	 * Whether the expression fires at this minute (UTC).
	 *
	 * @param int $time Unix time.
	 */
	public function matches( int $time ): bool {
		$parts = array_map( 'intval', explode( ' ', gmdate( 'i G j n w', $time ) ) );
		foreach ( $parts as $index => $value ) {
			if ( ! isset( $this->allowed[ $index ][ $value ] ) ) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The values one field allows, or null when it is malformed or out of bounds.
	 *
	 * @param string $field A field such as "*", "5", "1-5", "*\/15", "0,30".
	 * @param int    $min   Lowest value.
	 * @param int    $max   Highest value.
	 * @return array<int, true>|null
	 */
	private static function parse_field( string $field, int $min, int $max ): ?array {
		$values = array();
		foreach ( explode( ',', $field ) as $part ) {
			if ( 1 !== preg_match( '/^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/', $part, $match ) ) {
				return null;
			}
			$step = (int) ( $match[4] ?? 1 );
			if ( '*' === $match[1] ) {
				$low  = $min;
				$high = $max;
			} else {
				$low  = (int) ( $match[2] ?? 0 );
				$high = '' !== ( $match[3] ?? '' ) ? (int) $match[3] : ( isset( $match[4] ) ? $max : $low );
			}
			if ( $step < 1 || $low < $min || $high > $max || $low > $high ) {
				return null;
			}
			for ( $value = $low; $value <= $high; $value += $step ) {
				$values[ $value ] = true;
			}
		}
		return $values;
	}
}
