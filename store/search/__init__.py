"""Search: event titles, headlines, claims and article bodies, answered from
the library and the word index beside it."""
