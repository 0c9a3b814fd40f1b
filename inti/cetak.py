"""What every printed document shares: the WeasyPrint fetcher that serves our static files
(and the office logos) and refuses everything else, so a render never reaches the network or
the rest of the disk. Imported only by the modules that render, never by a web worker."""

import mimetypes
from pathlib import Path

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_SCHEME = "zistatic:"  # letters only: the hashed static storage leaves such URLs alone
LOGO_SCHEME = "zi-logo:"


class StaticOnlyFetcher(URLFetcher):
    """Serves `zistatic:` URLs from our static folder and refuses everything else, so a
    render never reaches the network or the rest of the disk."""

    def __init__(self):
        super().__init__(allowed_protocols=(), allow_redirects=False)
        self.roots = {
            STATIC_SCHEME: Path(settings.BASE_DIR / "static").resolve(),
            LOGO_SCHEME: (Path(settings.MEDIA_ROOT) / "logo").resolve(),
        }
        self.refused = []

    def fetch(self, url, headers=None):
        for scheme, root in self.roots.items():
            if not url.startswith(scheme):
                continue
            path = (root / url[len(scheme) :].lstrip("/")).resolve()
            if path.is_relative_to(root) and path.is_file():
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    url, body=path.read_bytes(), headers={"Content-Type": mime}
                )
        self.refused.append(url)
        raise ValueError(f"Sumber di luar berkas statis ZI Tracker tidak diizinkan: {url[:100]}")
