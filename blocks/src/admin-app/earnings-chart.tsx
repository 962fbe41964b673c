/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { BUCKETS, type Balances } from './types';

const COLOURS: Record< string, string > = {
	available: '#2271b1',
	pending: '#dba617',
	declined: '#d63638',
	paid: '#00a32a',
};

// Stacked bars per period for one currency, in plain SVG: no chart library needed.
export function EarningsChart( {
	series,
	currency,
}: {
	series: Balances[];
	currency: string;
} ) {
	const rows = series.filter( ( row ) => row.currency === currency );
	if ( rows.length === 0 ) {
		return <p>{ __( 'No commission in this range.', 'afflux' ) }</p>;
	}
	const width = 720;
	const height = 200;
	const max = Math.max(
		1,
		...rows.map( ( row ) =>
			BUCKETS.reduce( ( sum, bucket ) => sum + row[ bucket ], 0 )
		)
	);
	const bar = width / rows.length;
	return (
		<svg
			className="afflux-earnings-chart"
			viewBox={ `0 0 ${ width } ${ height + 20 }` }
			role="img"
			aria-label={ __( 'Commissions per period, by status', 'afflux' ) }
		>
			{ rows.map( ( row, index ) => {
				let y = height;
				return (
					<g key={ row.key }>
						{ BUCKETS.map( ( bucket ) => {
							const h = ( row[ bucket ] / max ) * height;
							y -= h;
							return (
								<rect
									key={ bucket }
									x={ index * bar + 1 }
									y={ y }
									width={ Math.max( 1, bar - 2 ) }
									height={ h }
									fill={ COLOURS[ bucket ] }
								>
									<title>{ `${ row.key } ${ bucket }` }</title>
								</rect>
							);
						} ) }
						{ ( rows.length <= 12 ||
							index % Math.ceil( rows.length / 12 ) === 0 ) && (
							<text
								x={ index * bar }
								y={ height + 14 }
								fontSize="10"
							>
								{ row.key }
							</text>
						) }
					</g>
				);
			} ) }
		</svg>
	);
}
