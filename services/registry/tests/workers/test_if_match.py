"""If-Match as clients send it back: through the gateway the ETag carries the compression's suffix."""

import pytest
from registry.workers.dependencies import if_match_version


@pytest.mark.parametrize(("header", "version"), [
    ('"7"', 7), ('W/"7"', 7), ('"7-zstd"', 7), ('"7-gzip"', 7), ('W/"12-gzip"', 12), ('"7-br"', 7), ('"7-x"', -1), ("junk", -1),
    (None, None),
])
def test_if_match_reads_the_version_whatever_the_gateway_did_to_the_etag(header, version):
    assert if_match_version(header) == version
