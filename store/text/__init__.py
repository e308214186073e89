"""Text as Dateline handles it, with no knowledge of libraries: cleaning
untrusted text, sentences, words and names, finding a typed quote, JSON for
people. Every layer above uses it; it uses none of them."""
