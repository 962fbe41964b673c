<?php
/**
 * The contract every Afflux service follows.
 *
 * @package Afflux
 */

declare(strict_types=1);

namespace Afflux;

/**
 * A service hooks itself into WordPress in init(), never at construction or file scope.
 */
interface Service {

	/**
	 * Adds the service's actions and filters.
	 */
	public function init(): void;
}
