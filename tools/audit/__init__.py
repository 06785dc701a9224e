"""`make audit`: the Nu HTML Checker over every page type, and Lighthouse over the main pages."""
