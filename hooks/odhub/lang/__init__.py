"""Language: the one translation function, and country names and codes from CLDR/ISO."""
