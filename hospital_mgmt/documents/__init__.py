"""What the hospital hands over or files: invoices, the PDF summary, CSV files. Each module
turns data it is given into a file; none of them reads the database."""
