"""Forum CSR Kota Serang: from Google Forms responses to a public transparency site."""
