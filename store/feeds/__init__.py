"""Feeds: subscriptions, the network (the only door to it), RSS/Atom/JSON
Feed parsing, web pages for full text, OPML, and the refresh that turns new
items into grouped articles."""
