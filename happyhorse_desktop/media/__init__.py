"""Media work on saved takes: reading MP4 files, decoding frames, stitching, tags and exports.

Nothing here imports a widget. Decoding and re-encoding use Qt Multimedia's FFmpeg backend (which the
app ships for its player); lossless joins rewrite the MP4 boxes in Python; tags go through mutagen and
animated exports through Pillow. Every long job runs off the UI thread, reports progress and can be
cancelled through a :class:`~happyhorse_desktop.media.progress.Progress`. Why these tools and not
others is in docs/architecture.md ("Takes, chains and media").
"""
