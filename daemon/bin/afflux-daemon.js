#!/usr/bin/env node
'use strict';

// The compiled CLI lives in dist/ (npm run build:daemon).
require( '../dist/cli.js' ).main( process.argv );
