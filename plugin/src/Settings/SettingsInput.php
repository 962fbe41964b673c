<?php
/**
 * Checks a submitted settings form and says, field by field, what is wrong.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Settings;

use Afflux\Links\LinkSettings;

/**
 * Validates the four parts of the settings screen (general, links, networks, schedules)
 * and, when everything is right, merges them over what is stored. Nothing is saved here.
 *
 * @phpstan-import-type Stored from DaemonSettings
 */
final class SettingsInput {

	/**
	 * Field path (e.g. "networks.awin.publisherId") => what is wrong, in plain words.
	 *
	 * @var array<string, string>
	 */
	private array $errors = array();

	/**
	 * Checks the input.
	 *
	 * @param array<string, mixed> $input   The request's general, links, networks and schedules.
	 * @param array<string, mixed> $general The stored afflux_settings.
	 * @param array<string, mixed> $links   The stored afflux_links.
	 * @param array<string, mixed> $daemon  The stored afflux_daemon (Stored shape).
	 * @return array{general: array<string, mixed>, links: array<string, mixed>, daemon: Stored}
	 */
	public function check( array $input, array $general, array $links, array $daemon ): array {
		$this->errors = array();
		return array(
			'general' => $this->check_general( is_array( $input['general'] ?? null ) ? $input['general'] : array(), $general ),
			'links'   => $this->check_links( is_array( $input['links'] ?? null ) ? $input['links'] : array(), $links ),
			'daemon'  => array(
				'networks'  => $this->check_networks( is_array( $input['networks'] ?? null ) ? $input['networks'] : array(), $daemon['networks'] ),
				'schedules' => $this->check_schedules( is_array( $input['schedules'] ?? null ) ? $input['schedules'] : array(), $daemon['schedules'] ),
			),
		);
	}

	/**
	 * What is wrong, by field path; empty when the input is valid.
	 *
	 * @return array<string, string>
	 */
	public function errors(): array {
		return $this->errors;
	}

	/**
	 * The general part: cache path, UTM template, disclosure, price age, unavailable products.
	 *
	 * @param array<mixed>         $input  Submitted values.
	 * @param array<string, mixed> $stored Stored values.
	 * @return array<string, mixed>
	 */
	private function check_general( array $input, array $stored ): array {
		$clean = $stored;
		if ( array_key_exists( 'cache_path', $input ) ) {
			$path = is_string( $input['cache_path'] ) ? trim( $input['cache_path'] ) : '';
			if ( '' === $path || str_contains( $path, "\0" ) || str_contains( $path, '://' ) || ! path_is_absolute( $path ) ) {
				$this->errors['general.cache_path'] = __( 'The cache location must be an absolute path on this server, such as /var/lib/afflux/cache.sqlite.', 'afflux' );
			} else {
				$clean['cache_path'] = $path;
			}
		}
		if ( array_key_exists( 'utm_template', $input ) ) {
			$template = is_string( $input['utm_template'] ) ? trim( $input['utm_template'] ) : '';
			if ( '' !== $template && 1 !== preg_match( '/^[A-Za-z0-9_.\-]+=[^&=\s]*(?:&[A-Za-z0-9_.\-]+=[^&=\s]*)*$/', $template ) ) {
				$this->errors['general.utm_template'] = __( 'The UTM template must look like utm_source={site}&utm_medium=affiliate: name=value pairs joined by &, without spaces. Leave it empty to add no UTM parameters.', 'afflux' );
			} else {
				$clean['utm_template'] = $template;
			}
		}
		if ( array_key_exists( 'disclosure_text', $input ) ) {
			$text = is_string( $input['disclosure_text'] ) ? trim( $input['disclosure_text'] ) : '';
			if ( '' === $text ) {
				$this->errors['general.disclosure_text'] = __( 'The disclosure text cannot be empty: French and EU law require affiliate links to be disclosed.', 'afflux' );
			} elseif ( mb_strlen( $text ) > 1000 ) {
				$this->errors['general.disclosure_text'] = __( 'The disclosure text is too long: keep it under 1,000 characters.', 'afflux' );
			} else {
				$clean['disclosure_text'] = $text;
			}
		}
		if ( array_key_exists( 'price_max_age_hours', $input ) ) {
			$hours = $this->whole_number( $input['price_max_age_hours'] );
			if ( null === $hours || $hours < 1 || $hours > 720 ) {
				$this->errors['general.price_max_age_hours'] = __( 'The price maximum age must be a whole number of hours from 1 to 720 (30 days).', 'afflux' );
			} else {
				$clean['price_max_age_hours'] = $hours;
			}
		}
		if ( array_key_exists( 'unavailable_display', $input ) ) {
			if ( ! in_array( $input['unavailable_display'], Settings::UNAVAILABLE_DISPLAYS, true ) ) {
				$this->errors['general.unavailable_display'] = __( 'Choose what a card shows for a product that is gone: a label, nothing, or an alternative offer.', 'afflux' );
			} else {
				$clean['unavailable_display'] = $input['unavailable_display'];
			}
		}
		return $clean;
	}

	/**
	 * The links part: mode, prefix, click retention.
	 *
	 * @param array<mixed>         $input  Submitted values.
	 * @param array<string, mixed> $stored Stored values.
	 * @return array<string, mixed>
	 */
	private function check_links( array $input, array $stored ): array {
		$clean = $stored;
		if ( array_key_exists( 'link_mode', $input ) ) {
			if ( ! in_array( $input['link_mode'], LinkSettings::MODES, true ) ) {
				$this->errors['links.link_mode'] = __( 'Choose direct links or cloaked links.', 'afflux' );
			} else {
				$clean['link_mode'] = $input['link_mode'];
			}
		}
		if ( array_key_exists( 'link_prefix', $input ) ) {
			$prefix = is_string( $input['link_prefix'] ) ? strtolower( trim( $input['link_prefix'], " \t\n\r\0\x0B/" ) ) : '';
			$sane   = LinkSettings::sanitize( array( 'link_prefix' => $prefix ) )['link_prefix'];
			if ( $sane !== $prefix ) {
				$this->errors['links.link_prefix'] = __( 'The link prefix must be 1 to 32 lower-case letters, digits or hyphens, not starting with a hyphen, and not one of WordPress\'s own paths (wp-admin, feed, page, tag…).', 'afflux' );
			} else {
				$clean['link_prefix'] = $prefix;
			}
		}
		if ( array_key_exists( 'click_retention_days', $input ) ) {
			$days = $this->whole_number( $input['click_retention_days'] );
			if ( null === $days || $days < 1 || $days > 3650 ) {
				$this->errors['links.click_retention_days'] = __( 'Click retention must be a whole number of days from 1 to 3650.', 'afflux' );
			} else {
				$clean['click_retention_days'] = $days;
			}
		}
		return $clean;
	}

	/**
	 * The networks part. An empty credential keeps the stored one (the form never holds it).
	 *
	 * @param array<mixed>                                                                    $input  Submitted networks.
	 * @param array<string, array{enabled: bool, values: array<string, string|list<string>>}> $stored Stored networks.
	 * @return array<string, array{enabled: bool, values: array<string, string|list<string>>}>
	 */
	private function check_networks( array $input, array $stored ): array {
		$known = NetworkFields::all();
		$clean = $stored;
		foreach ( $input as $name => $network ) {
			if ( ! isset( $known[ $name ] ) || ! is_array( $network ) ) {
				$this->errors[ 'networks.' . $name ] = __( 'This network is not one Afflux knows.', 'afflux' );
				continue;
			}
			$label   = $known[ $name ]['label'];
			$values  = $stored[ $name ]['values'] ?? array();
			$enabled = array_key_exists( 'enabled', $network ) ? true === $network['enabled'] : ( $stored[ $name ]['enabled'] ?? false );
			$given   = is_array( $network['values'] ?? null ) ? $network['values'] : array();
			foreach ( $known[ $name ]['fields'] as $key => $field ) {
				if ( ! array_key_exists( $key, $given ) ) {
					continue;
				}
				$path = 'networks.' . $name . '.' . $key;
				$raw  = is_string( $given[ $key ] ) ? trim( $given[ $key ] ) : '';
				if ( NetworkFields::SECRET === $field['type'] ) {
					if ( '' !== $raw ) {
						$values[ $key ] = $raw;
					}
					continue;
				}
				if ( '' === $raw ) {
					unset( $values[ $key ] );
					continue;
				}
				if ( NetworkFields::LIST === $field['type'] ) {
					$items = array_values( array_filter( array_map( 'trim', explode( ',', $raw ) ), static fn ( string $item ): bool => '' !== $item ) );
					$bad   = '' === $field['pattern'] ? array() : array_filter( $items, static fn ( string $item ): bool => 1 !== preg_match( $field['pattern'], $item ) );
					if ( array() !== $bad ) {
						$this->errors[ $path ] = $this->invalid( $label, $field['label'], $field['hint'] );
						continue;
					}
					$values[ $key ] = $items;
					continue;
				}
				if ( '' !== $field['pattern'] && 1 !== preg_match( $field['pattern'], $raw ) ) {
					$this->errors[ $path ] = $this->invalid( $label, $field['label'], $field['hint'] );
					continue;
				}
				$values[ $key ] = $raw;
			}
			if ( $enabled ) {
				foreach ( $known[ $name ]['fields'] as $key => $field ) {
					$path = 'networks.' . $name . '.' . $key;
					if ( $field['required'] && ! isset( $values[ $key ] ) && ! isset( $this->errors[ $path ] ) ) {
						$this->errors[ $path ] = sprintf(
							/* translators: 1: network name such as Awin, 2: field label such as API token. */
							__( '%1$s: the %2$s is needed to turn this network on.', 'afflux' ),
							$label,
							$field['label']
						);
					}
				}
			}
			$clean[ (string) $name ] = array(
				'enabled' => $enabled,
				'values'  => $values,
			);
		}
		return $clean;
	}

	/**
	 * The schedules part: one cron expression per kind of sync.
	 *
	 * @param array<mixed>          $input  Submitted schedules.
	 * @param array<string, string> $stored Stored schedules.
	 * @return array<string, string>
	 */
	private function check_schedules( array $input, array $stored ): array {
		$clean = $stored;
		foreach ( $input as $kind => $expression ) {
			if ( ! isset( DaemonSettings::DEFAULT_SCHEDULES[ $kind ] ) ) {
				$this->errors[ 'schedules.' . $kind ] = __( 'This is not a kind of sync the daemon runs.', 'afflux' );
				continue;
			}
			if ( ! is_string( $expression ) || null === CronExpression::parse( $expression ) ) {
				$this->errors[ 'schedules.' . $kind ] = sprintf(
					/* translators: %s: a cron expression example. */
					__( 'The schedule must be a cron expression of five fields (minute hour day month weekday), such as %s.', 'afflux' ),
					DaemonSettings::DEFAULT_SCHEDULES[ $kind ]
				);
				continue;
			}
			$clean[ (string) $kind ] = trim( $expression );
		}
		return $clean;
	}

	/**
	 * "Awin: the Publisher id is not valid. …hint".
	 *
	 * @param string $network Network label.
	 * @param string $field   Field label.
	 * @param string $hint    What a valid value looks like.
	 */
	private function invalid( string $network, string $field, string $hint ): string {
		return trim(
			sprintf(
				/* translators: 1: network name such as Awin, 2: field label such as Publisher id, 3: what a valid value looks like. */
				__( '%1$s: the %2$s is not valid. %3$s', 'afflux' ),
				$network,
				$field,
				$hint
			)
		);
	}

	/**
	 * An integer given as a number or a string of digits; null otherwise.
	 *
	 * @param mixed $value Submitted value.
	 */
	private function whole_number( $value ): ?int {
		if ( is_int( $value ) ) {
			return $value;
		}
		if ( is_string( $value ) && 1 === preg_match( '/^\d{1,9}$/', trim( $value ) ) ) {
			return (int) trim( $value );
		}
		return null;
	}
}
