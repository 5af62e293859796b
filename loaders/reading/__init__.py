"""Stage 1, reading and segmenting: from a file, page, feed or string to a Document.

`sources` reads plain text, saved HTML pages, RSS/Atom feeds and folders into RawDigest
records; `segment.parse` splits a digest into sentences and items and finds each item's
headline; `citations` reads how an item cites its source (outlet, date, authors), with
`outlets` holding the outlet reference table; `digests.articles`, the first stage run on
the Document, names the Digest and one Article per item.
"""
