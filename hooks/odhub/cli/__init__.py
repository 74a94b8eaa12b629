"""The `odhub` command for contributors and CI: the library without a site build."""
