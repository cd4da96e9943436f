"""The network layer under the API client and the downloader: which certificates are trusted
(``trust``), which proxy a request takes (``proxy``, ``settings``), whether the network is there
(``connectivity``) and where a connection fails (``diagnose``). No widgets in here."""
