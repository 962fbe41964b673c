<?php
/**
 * A product as the plugin shows it: the product, its best offer, programme terms and link template.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Cache;

/**
 * One row of ProductRepository's joined read. Every string is network data: escape on output.
 */
final class Product {

	/**
	 * Builds a product from named values.
	 *
	 * @param int         $id               Local product id (what blocks store).
	 * @param string      $network          Adapter name, e.g. awin.
	 * @param string      $programme_id     The network's advertiser id.
	 * @param string      $title            Product title.
	 * @param string      $brand            Brand, may be empty.
	 * @param string      $image_url        Image URL as the network gave it (unchecked).
	 * @param string      $status           active | gone.
	 * @param string      $checked_at       When the network last confirmed the product or its offer (ISO 8601 UTC).
	 * @param string      $merchant_name    Merchant of the best offer, may be empty.
	 * @param string      $landing_url      The merchant's page for the best offer, empty when no offer.
	 * @param string|null $tracking_url     A ready tracking URL handed out by the network.
	 * @param int|null    $price_minor      Price in minor units (cents).
	 * @param string|null $currency         ISO 4217 currency of the price.
	 * @param string      $availability     in_stock | out_of_stock | preorder | backorder | unknown.
	 * @param string|null $promo_code       Promo code of the offer.
	 * @param string|null $programme_name   Advertiser name.
	 * @param string|null $commission_type  percentage | fixed | null.
	 * @param int|null    $commission_min   Basis points (percentage) or minor units (fixed).
	 * @param int|null    $commission_max   Basis points (percentage) or minor units (fixed).
	 * @param string|null $programme_currency Currency of fixed commissions.
	 * @param int|null    $cookie_days      Attribution window in days.
	 * @param int|null    $validation_days  Days before a commission is validated.
	 * @param string|null $link_template    The network's link template with {sub_id} and {landing_url}.
	 * @param string|null $tracking_host    The only host a filled link template may point to.
	 * @param string|null $catalogue_synced_at Last successful catalogue sync of the network (ISO 8601 UTC):
	 *                                         an unchanged re-sync confirms prices without writing rows.
	 * @param string[]    $valid_domains    Host names a deep-link landing page may use.
	 * @param bool        $deeplink_enabled Whether the programme accepts deep links.
	 * @param string|null $gtin             The product's GTIN / EAN.
	 */
	public function __construct(
		public readonly int $id,
		public readonly string $network,
		public readonly string $programme_id,
		public readonly string $title,
		public readonly string $brand,
		public readonly string $image_url,
		public readonly string $status,
		public readonly string $checked_at,
		public readonly string $merchant_name,
		public readonly string $landing_url,
		public readonly ?string $tracking_url,
		public readonly ?int $price_minor,
		public readonly ?string $currency,
		public readonly string $availability,
		public readonly ?string $promo_code,
		public readonly ?string $programme_name,
		public readonly ?string $commission_type,
		public readonly ?int $commission_min,
		public readonly ?int $commission_max,
		public readonly ?string $programme_currency,
		public readonly ?int $cookie_days,
		public readonly ?int $validation_days,
		public readonly ?string $link_template,
		public readonly ?string $tracking_host,
		public readonly ?string $catalogue_synced_at = null,
		public readonly array $valid_domains = array(),
		public readonly bool $deeplink_enabled = false,
		public readonly ?string $gtin = null
	) {
	}

	/**
	 * Builds a product from a row of ProductRepository's query.
	 *
	 * @param array<string, mixed> $row Column name => value.
	 */
	public static function from_row( array $row ): self {
		// Inline casts rather than a helper call per column: a page view hydrates every placed
		// product (70 rows took 0.18 ms that way, 0.11 ms now). PDO returns scalars or NULL; any
		// other value (a hand-built row) counts as absent.
		foreach ( $row as $key => $value ) {
			if ( null !== $value && ! is_scalar( $value ) ) {
				unset( $row[ $key ] );
			}
		}
		$offer_checked_at = (string) ( $row['offer_checked_at'] ?? '' );
		$availability     = (string) ( $row['availability'] ?? '' );
		return new self(
			(int) ( $row['id'] ?? 0 ),
			(string) ( $row['network'] ?? '' ),
			(string) ( $row['programme_id'] ?? '' ),
			(string) ( $row['title'] ?? '' ),
			(string) ( $row['brand'] ?? '' ),
			(string) ( $row['image_url'] ?? '' ),
			(string) ( $row['status'] ?? '' ),
			'' !== $offer_checked_at ? $offer_checked_at : (string) ( $row['checked_at'] ?? '' ),
			(string) ( $row['merchant_name'] ?? '' ),
			(string) ( $row['landing_url'] ?? '' ),
			self::nullable_text( $row, 'tracking_url' ),
			self::nullable_int( $row, 'price_minor' ),
			self::nullable_text( $row, 'currency' ),
			'' !== $availability ? $availability : 'unknown',
			self::nullable_text( $row, 'promo_code' ),
			self::nullable_text( $row, 'programme_name' ),
			self::nullable_text( $row, 'commission_type' ),
			self::nullable_int( $row, 'commission_min' ),
			self::nullable_int( $row, 'commission_max' ),
			self::nullable_text( $row, 'programme_currency' ),
			self::nullable_int( $row, 'cookie_days' ),
			self::nullable_int( $row, 'validation_days' ),
			self::nullable_text( $row, 'link_template' ),
			self::nullable_text( $row, 'tracking_host' ),
			self::nullable_text( $row, 'catalogue_synced_at' ),
			self::domains( (string) ( $row['valid_domains'] ?? '' ) ),
			1 === self::nullable_int( $row, 'deeplink_enabled' ),
			self::nullable_text( $row, 'gtin' )
		);
	}

	/**
	 * When the price was last known to be right: the later of the offer's own check and the
	 * network's last successful catalogue sync (ISO 8601 UTC strings compare as text).
	 */
	public function price_checked_at(): string {
		if ( null !== $this->catalogue_synced_at && $this->catalogue_synced_at > $this->checked_at ) {
			return $this->catalogue_synced_at;
		}
		return $this->checked_at;
	}

	/**
	 * Whether a reader can buy it now: active, with an offer that is not out of stock.
	 */
	public function is_available(): bool {
		return $this->is_active() && '' !== $this->landing_url && 'out_of_stock' !== $this->availability;
	}

	/**
	 * Whether the product is still in its network's feed.
	 */
	public function is_active(): bool {
		return 'gone' !== $this->status;
	}

	/**
	 * The programme's valid_domains JSON as lower-case host names; none when unreadable.
	 *
	 * @param string $json The valid_domains column.
	 * @return list<string>
	 */
	private static function domains( string $json ): array {
		$decoded = json_decode( $json, true );
		if ( ! is_array( $decoded ) ) {
			return array();
		}
		$domains = array();
		foreach ( $decoded as $domain ) {
			if ( is_string( $domain ) && '' !== trim( $domain ) ) {
				$domains[] = strtolower( trim( $domain ) );
			}
		}
		return $domains;
	}

	/**
	 * A column as a string, null when NULL, empty or absent.
	 *
	 * @param array<string, mixed> $row Row, scalars or NULL only.
	 * @param string               $key Column.
	 */
	private static function nullable_text( array $row, string $key ): ?string {
		$value = (string) ( $row[ $key ] ?? '' );
		return '' === $value ? null : $value;
	}

	/**
	 * A column as an integer, null when NULL or not a whole number.
	 *
	 * @param array<string, mixed> $row Row.
	 * @param string               $key Column.
	 */
	private static function nullable_int( array $row, string $key ): ?int {
		if ( ! isset( $row[ $key ] ) || ! is_numeric( $row[ $key ] ) ) {
			return null;
		}
		return (int) $row[ $key ];
	}
}
