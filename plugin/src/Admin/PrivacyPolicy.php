<?php
/**
 * Suggested privacy-policy text, in French and in English.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Admin;

use Afflux\Service;

/**
 * Adds Afflux's section to Settings → Privacy → Policy guide: what the plugin stores about
 * readers (no cookie, no IP, a daily-salted visitor key) and what the networks may do.
 */
final class PrivacyPolicy implements Service {

	/**
	 * Hooks the policy text.
	 */
	public function init(): void {
		add_action( 'admin_init', array( $this, 'add' ) );
	}

	/**
	 * Registers the text.
	 */
	public function add(): void {
		if ( function_exists( 'wp_add_privacy_policy_content' ) ) {
			wp_add_privacy_policy_content( 'Afflux', $this->content() );
		}
	}

	/**
	 * The suggested text: the site's language first, the other language after.
	 */
	public function content(): string {
		$english = '<p><strong>English.</strong> This site contains affiliate links. When you follow one, we count the click without any cookie and without storing your IP address: we keep the date, the page and the link, the kind of device, the referring site and, for a day at most, an anonymous key that lets us count each visitor once. Raw clicks are deleted after the retention period set by the site owner; only daily totals are kept. The merchant or the affiliate network you reach may set its own cookies to credit the sale; their privacy policies apply.</p>';
		$french  = '<p><strong>Français.</strong> Ce site contient des liens affiliés. Lorsque vous en suivez un, nous comptons le clic sans cookie et sans enregistrer votre adresse IP : nous conservons la date, la page et le lien, le type d\'appareil, le site d\'origine et, pendant une journée au plus, une clé anonyme qui permet de compter chaque visiteur une seule fois. Les clics détaillés sont supprimés après la durée de conservation choisie par le propriétaire du site ; seuls les totaux par jour sont gardés. Le marchand ou la plateforme d\'affiliation vers lesquels vous êtes dirigé peuvent déposer leurs propres cookies pour attribuer la vente ; leurs politiques de confidentialité s\'appliquent.</p>';
		$intro   = '<p class="privacy-policy-tutorial">' . esc_html__( 'Afflux suggests the text below, in French and in English. Adapt the retention period to your Afflux settings.', 'afflux' ) . '</p>';
		return $intro . ( str_starts_with( determine_locale(), 'fr' ) ? $french . $english : $english . $french );
	}
}
