//! Administrative divisions (GB/T 2260): provinces and prefecture-level divisions.
