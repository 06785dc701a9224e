"""`make bench`: serve the site production-style on loopback and measure speed, queries and page weight."""
