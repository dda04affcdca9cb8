"""The search-quality benchmark's parts: the judged queries (queries.json), the synthetic
pages added beside the demo library (synthetic.py) and the measures (measures.py).
benchmarks/search_quality.py runs them."""
