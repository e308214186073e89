"""What leaves and re-enters a library: claims exported in standard formats
and imported back onto their articles, and whole-library backups."""
