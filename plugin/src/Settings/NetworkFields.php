<?php
/**
 * The networks a site owner can set up, and the account fields each one needs.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Settings;

/**
 * One declarative list, so the settings screen, the validator and the daemon hand-off agree.
 * Field keys are the daemon's own config keys (daemon/src/config.ts), patterns mirror its zod
 * schema so a wrong value is refused here, with a message, rather than by the daemon later.
 */
final class NetworkFields {

	/**
	 * A plain text field.
	 */
	public const TEXT = 'text';

	/**
	 * A credential: write-only, never sent back to the browser.
	 */
	public const SECRET = 'secret';

	/**
	 * A comma-separated list, handed to the daemon as an array.
	 */
	public const LIST = 'list';

	/**
	 * Every network with its label and fields.
	 *
	 * @return array<string, array{label: string, fields: array<string, array{label: string, type: string, required: bool, pattern: string, hint: string}>}>
	 */
	public static function all(): array {
		$digits = '/^\d+$/';
		return array(
			'awin'        => array(
				'label'  => 'Awin',
				'fields' => array(
					'publisherId' => self::field( __( 'Publisher id', 'afflux' ), self::TEXT, true, $digits, __( 'Awin publisher ids are numbers only, e.g. 123456.', 'afflux' ) ),
					'apiToken'    => self::field( __( 'API token', 'afflux' ), self::SECRET, true ),
					'feedKey'     => self::field( __( 'Product-feed key', 'afflux' ), self::SECRET, false ),
					'feedIds'     => self::field( __( 'Feed ids (comma-separated)', 'afflux' ), self::LIST, false, $digits, __( 'Feed ids are numbers separated by commas, e.g. 1001, 1002.', 'afflux' ) ),
				),
			),
			'effiliation' => array(
				'label'  => 'Effiliation',
				'fields' => array(
					'apiKey' => self::field( __( 'API key', 'afflux' ), self::SECRET, true ),
				),
			),
			'impact'      => array(
				'label'  => 'Impact',
				'fields' => array(
					'accountSid' => self::field( __( 'Account SID', 'afflux' ), self::TEXT, true, '/^[A-Za-z0-9]+$/', __( 'The Account SID is letters and digits only.', 'afflux' ) ),
					'authToken'  => self::field( __( 'Auth token', 'afflux' ), self::SECRET, true ),
				),
			),
			'cj'          => array(
				'label'  => 'CJ',
				'fields' => array(
					'companyId'   => self::field( __( 'Company id (CID)', 'afflux' ), self::TEXT, true, $digits, __( 'The CJ company id is a number.', 'afflux' ) ),
					'websiteId'   => self::field( __( 'Website id (PID)', 'afflux' ), self::TEXT, true, $digits, __( 'The CJ website id is a number.', 'afflux' ) ),
					'accessToken' => self::field( __( 'Personal access token', 'afflux' ), self::SECRET, true ),
				),
			),
			'rakuten'     => array(
				'label'  => 'Rakuten',
				'fields' => array(
					'clientId'     => self::field( __( 'Client id', 'afflux' ), self::TEXT, true ),
					'clientSecret' => self::field( __( 'Client secret', 'afflux' ), self::SECRET, true ),
					'siteId'       => self::field( __( 'Site id (SID)', 'afflux' ), self::TEXT, true, $digits, __( 'The Rakuten site id is a number.', 'afflux' ) ),
					'publisherId'  => self::field( __( 'Encrypted publisher id', 'afflux' ), self::TEXT, true, '#^[A-Za-z0-9*/+]+$#', __( 'Copy the id= value of one of your Rakuten links.', 'afflux' ) ),
				),
			),
			'tiktok'      => array(
				'label'  => 'TikTok Shop',
				'fields' => array(
					'appKey'      => self::field( __( 'App key', 'afflux' ), self::TEXT, true ),
					'appSecret'   => self::field( __( 'App secret', 'afflux' ), self::SECRET, true ),
					'accessToken' => self::field( __( 'Access token', 'afflux' ), self::SECRET, true ),
					'creatorId'   => self::field( __( 'Creator id', 'afflux' ), self::TEXT, true ),
				),
			),
			'amazon'      => array(
				'label'  => 'Amazon',
				'fields' => array(
					'clientId'     => self::field( __( 'Client id', 'afflux' ), self::TEXT, true ),
					'clientSecret' => self::field( __( 'Client secret', 'afflux' ), self::SECRET, true ),
					'partnerTag'   => self::field( __( 'Tracking id', 'afflux' ), self::TEXT, true, '/^[A-Za-z0-9-]+$/', __( 'The tracking id looks like myblog-21.', 'afflux' ) ),
				),
			),
			'onetpe'      => array(
				'label'  => '1TPE',
				'fields' => array(
					'affiliateLogin' => self::field( __( 'Affiliate login', 'afflux' ), self::TEXT, true, '/^[a-z0-9][a-z0-9-]*$/i', __( 'Your 1TPE login is letters, digits and hyphens.', 'afflux' ) ),
				),
			),
		);
	}

	/**
	 * The network keys.
	 *
	 * @return list<string>
	 */
	public static function names(): array {
		return array_keys( self::all() );
	}

	/**
	 * One field's description.
	 *
	 * @param string $label    Label shown to the site owner.
	 * @param string $type     TEXT, SECRET or LIST.
	 * @param bool   $required Needed to enable the network.
	 * @param string $pattern  PCRE each value (each list item) must match; '' for any.
	 * @param string $hint     What a valid value looks like, said when one is refused.
	 * @return array{label: string, type: string, required: bool, pattern: string, hint: string}
	 */
	private static function field( string $label, string $type, bool $required, string $pattern = '', string $hint = '' ): array {
		return array(
			'label'    => $label,
			'type'     => $type,
			'required' => $required,
			'pattern'  => $pattern,
			'hint'     => $hint,
		);
	}
}
