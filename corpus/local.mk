# corpus/ build fragment (included by the top-level Makefile.am)
