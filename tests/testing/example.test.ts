// The example an author copies (examples/property-test) runs in our suite, against the built
// package: `jixiao` and `jixiao/testing` resolve to dist/ through the package's own exports.
import '../../examples/property-test/rubric.property.test.js';
