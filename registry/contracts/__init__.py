"""Land contract rights (土地承包经营权): contracts, their register (登记簿), transfers, swaps, surrender,
lawful termination, household split and merge, and management-right leases (土地经营权流转)."""
