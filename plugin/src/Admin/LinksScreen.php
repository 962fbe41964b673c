<?php
/**
 * The minimal links screen: broken placements, and the two faster /go/ paths.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux\Admin;

use Afflux\Links\GonePlacements;
use Afflux\Links\LinkSettings;
use Afflux\Redirect\EarlyPluginInstaller;
use Afflux\Redirect\StandaloneConfigWriter;
use Afflux\Service;

/**
 * Afflux → Links: the placements pointing to gone products, a one-click install of
 * the must-use plugin that answers /go/ before other plugins, and the configuration file of
 * the no-WordPress entry point. Plain forms posting to admin-post.php, with a nonce each.
 */
final class LinksScreen implements Service {

	public const PAGE = 'afflux-links';

	private const ACTION = 'afflux_links_action';

	/**
	 * Builds the screen.
	 *
	 * @param GonePlacements $gone The finder.
	 */
	public function __construct( private readonly GonePlacements $gone ) {
	}

	/**
	 * Adds the page and the form handler.
	 */
	public function init(): void {
		// After AdminPages (priority 10) has added the Afflux menu this page sits under.
		add_action( 'admin_menu', array( $this, 'add_page' ), 11 );
		add_action( 'admin_post_' . self::ACTION, array( $this, 'handle' ) );
	}

	/**
	 * Adds Afflux → Links, next to Earnings and Settings.
	 */
	public function add_page(): void {
		add_submenu_page( AdminPages::MENU, __( 'Afflux links', 'afflux' ), __( 'Links', 'afflux' ), 'manage_options', self::PAGE, array( $this, 'render' ) );
	}

	/**
	 * Runs one of the four actions, then returns to the page with its result.
	 */
	public function handle(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to change the Afflux links.', 'afflux' ), 403 );
		}
		check_admin_referer( self::ACTION );
		$action = isset( $_POST['afflux_do'] ) ? sanitize_key( wp_unslash( $_POST['afflux_do'] ) ) : '';
		$result = match ( $action ) {
			'install_early' => EarlyPluginInstaller::install(),
			'remove_early'  => $this->done( array( EarlyPluginInstaller::class, 'remove' ) ),
			'write_config'  => StandaloneConfigWriter::write(),
			'remove_config' => $this->done( array( StandaloneConfigWriter::class, 'remove' ) ),
			default         => new \WP_Error( 'afflux_links_action', __( 'Unknown action.', 'afflux' ) ),
		};
		$args = array(
			'page'          => self::PAGE,
			'afflux_result' => is_wp_error( $result ) ? 'error' : 'done',
		);
		if ( is_wp_error( $result ) ) {
			set_transient( 'afflux_links_error_' . get_current_user_id(), $result->get_error_message(), 60 );
		}
		wp_safe_redirect( add_query_arg( $args, admin_url( 'admin.php' ) ) );
		exit;
	}

	/**
	 * Renders the page.
	 */
	public function render(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		echo '<div class="wrap"><h1>' . esc_html__( 'Afflux links', 'afflux' ) . '</h1>';
		$this->render_result();
		$this->render_broken();

		echo '<h2>' . esc_html__( 'Answer links before other plugins load', 'afflux' ) . '</h2>';
		echo '<p>' . esc_html__( 'One click installs a small must-use plugin that answers cloaked links before any other plugin is loaded and, when wp-content/db.php is free, a drop-in there that answers them before WordPress even connects to its database. No server configuration is needed, and another plugin\'s db.php is never replaced.', 'afflux' ) . '</p>';
		$this->render_status( EarlyPluginInstaller::is_installed() );
		if ( EarlyPluginInstaller::is_installed() ) {
			$this->render_drop_in_state( EarlyPluginInstaller::drop_in_state() );
		}
		$this->render_button( EarlyPluginInstaller::is_installed() ? 'remove_early' : 'install_early', EarlyPluginInstaller::is_installed() ? __( 'Remove the must-use plugin', 'afflux' ) : __( 'Install the must-use plugin', 'afflux' ) );

		echo '<h2>' . esc_html__( 'Answer links without WordPress', 'afflux' ) . '</h2>';
		echo '<p>' . esc_html(
			sprintf(
				/* translators: 1: a URL path such as /go/, 2: a file name, 3: a folder. */
				__( 'For the fastest links, a server rule sends %1$s to %2$s, which answers without loading WordPress. It needs a configuration file holding the database credentials, written to %3$s. Ready nginx and Apache rules are in the plugin\'s server-snippets folder.', 'afflux' ),
				'/' . LinkSettings::prefix() . '/',
				'wp-content/plugins/afflux/go.php',
				StandaloneConfigWriter::path()
			)
		) . '</p>';
		$this->render_status( StandaloneConfigWriter::exists() );
		$this->render_button( StandaloneConfigWriter::exists() ? 'remove_config' : 'write_config', StandaloneConfigWriter::exists() ? __( 'Remove the configuration file', 'afflux' ) : __( 'Write the configuration file', 'afflux' ) );
		echo '</div>';
	}

	/**
	 * The table of placements pointing to gone products.
	 */
	private function render_broken(): void {
		$broken = $this->gone->all();
		echo '<h2>' . esc_html__( 'Links to products that are gone', 'afflux' ) . '</h2>';
		if ( array() === $broken ) {
			echo '<p>' . esc_html__( 'No placement points to a gone product.', 'afflux' ) . '</p>';
			return;
		}
		echo '<p>' . esc_html__( 'Readers following these links are sent to a fallback (the same product elsewhere, or the merchant\'s home page). Edit the posts to choose another product.', 'afflux' ) . '</p>';
		echo '<table class="widefat striped"><thead><tr><th>' . esc_html__( 'Post', 'afflux' ) . '</th><th>' . esc_html__( 'Block', 'afflux' ) . '</th><th>' . esc_html__( 'Product', 'afflux' ) . '</th><th>' . esc_html__( 'Network', 'afflux' ) . '</th></tr></thead><tbody>';
		foreach ( $broken as $row ) {
			$edit = get_edit_post_link( $row['post_id'] );
			$post = '' !== $row['post_title'] ? $row['post_title'] : '#' . $row['post_id'];
			$cell = null !== $edit ? '<a href="' . esc_url( $edit ) . '">' . esc_html( $post ) . '</a>' : esc_html( $post );
			echo '<tr><td>' . $cell . '</td>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped just above.
			echo '<td>' . esc_html( $row['block'] . ( '' !== $row['placement_id'] ? ' · ' . $row['placement_id'] : '' ) ) . '</td>';
			echo '<td>' . esc_html( $row['product_title'] . ( '' !== $row['merchant'] ? ' — ' . $row['merchant'] : '' ) ) . '</td>';
			echo '<td>' . esc_html( SyncRunLabels::network( $row['network'] ) ) . '</td></tr>';
		}
		echo '</tbody></table>';
	}

	/**
	 * "Installed" or "Not installed".
	 *
	 * @param bool $installed Whether it is.
	 */
	private function render_status( bool $installed ): void {
		echo '<p><strong>' . esc_html( $installed ? __( 'Status: installed.', 'afflux' ) : __( 'Status: not installed.', 'afflux' ) ) . '</strong></p>';
	}

	/**
	 * Which of the two early paths answers: the db.php drop-in, or the must-use plugin alone.
	 *
	 * @param string $state installed, taken or absent.
	 */
	private function render_drop_in_state( string $state ): void {
		$message = match ( $state ) {
			'installed' => __( 'Links are answered from wp-content/db.php, before WordPress connects to its database (the fastest path without server configuration).', 'afflux' ),
			'taken'     => __( 'Another plugin uses wp-content/db.php, so links are answered by the must-use plugin only, after WordPress has connected to its database.', 'afflux' ),
			default     => __( 'Links are answered by the must-use plugin only: the db.php drop-in is not used on multisite or when wp-content cannot be written.', 'afflux' ),
		};
		echo '<p>' . esc_html( $message ) . '</p>';
	}

	/**
	 * A one-button form.
	 *
	 * @param string $action install_early, remove_early, write_config or remove_config.
	 * @param string $label  The button's label.
	 */
	private function render_button( string $action, string $label ): void {
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '">';
		wp_nonce_field( self::ACTION );
		echo '<input type="hidden" name="action" value="' . esc_attr( self::ACTION ) . '" />';
		echo '<input type="hidden" name="afflux_do" value="' . esc_attr( $action ) . '" />';
		submit_button( $label, 'secondary', 'submit', false );
		echo '</form>';
	}

	/**
	 * The outcome of the last action, from the redirect's query.
	 */
	private function render_result(): void {
		$result = isset( $_GET['afflux_result'] ) ? sanitize_key( wp_unslash( $_GET['afflux_result'] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only selects a notice.
		if ( 'done' === $result ) {
			echo '<div class="notice notice-success"><p>' . esc_html__( 'Done.', 'afflux' ) . '</p></div>';
		} elseif ( 'error' === $result ) {
			$key     = 'afflux_links_error_' . get_current_user_id();
			$message = get_transient( $key );
			delete_transient( $key );
			echo '<div class="notice notice-error"><p>' . esc_html( is_string( $message ) ? $message : __( 'That did not work.', 'afflux' ) ) . '</p></div>';
		}
	}

	/**
	 * Runs a void action and reports success.
	 *
	 * @param callable $action The action.
	 */
	private function done( callable $action ): bool {
		$action();
		return true;
	}
}
