// End-to-end suites start WordPress, the sandbox and a browser: three minutes a test.
jest.setTimeout( 180_000 );
