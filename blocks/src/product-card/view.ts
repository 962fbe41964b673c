/**
 * The card's only front-end script: reveals the promo code's copy button where the browser can
 * copy, and copies on click. The code itself is in the page without it. No cookie, no request.
 * @param root
 */
function enhanceCopyButtons( root: ParentNode ): void {
	if ( ! navigator.clipboard ) {
		return;
	}
	root.querySelectorAll< HTMLButtonElement >(
		'button.afflux-card__copy[data-afflux-copy]'
	).forEach( ( button ) => {
		button.hidden = false;
		button.addEventListener( 'click', () => {
			const code = button.dataset.affluxCopy;
			if ( ! code ) {
				return;
			}
			navigator.clipboard.writeText( code ).then(
				() => {
					const status = button.parentElement?.querySelector(
						'.afflux-card__copy-status'
					);
					if ( status ) {
						status.textContent = button.dataset.affluxCopied ?? '';
					}
				},
				() => undefined
			);
		} );
	} );
}

if ( document.readyState === 'loading' ) {
	document.addEventListener( 'DOMContentLoaded', () =>
		enhanceCopyButtons( document )
	);
} else {
	enhanceCopyButtons( document );
}
