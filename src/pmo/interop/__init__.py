"""File formats from and to other tools (MS Project XML, Excel, iCalendar).

Pure library code, like `pmo.engine`: no module here imports Django. Each format lives in its own module
(`pmo.interop.mspdi` for Microsoft Project XML); import that module directly.
"""
