"""Shares and dividends (SH-01..05): quantification plans, holdings and their register, transfers,
inheritance, redemption through the one exit path, distributions with exact largest-remainder allocation,
and the payment ledger."""
