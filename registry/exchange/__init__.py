"""Exchange with the national 确权 package (NY/T 2539-2016): read, check, load, and write one back."""
