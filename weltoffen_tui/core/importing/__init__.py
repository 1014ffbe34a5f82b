"""Importing answers from outside: filled workbooks (xlsx) and survey exports (CSV).

``layout`` is the shared description of the workbook (written by render/workbook.py,
read here), ``workbook`` turns plain cell values into answers, ``xlsx`` reads a file
with openpyxl (imported only there), ``survey`` reads a survey tool's CSV export and
``writing`` stores the results as new files, never over an existing one.
"""
