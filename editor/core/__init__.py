"""The Qt-free core: posts, front-matter codecs, dates, checks and storage."""
