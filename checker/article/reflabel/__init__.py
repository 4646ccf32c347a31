"""A learned sequence labeller for the fields of flattened references (a CRF).

:mod:`.features` describes each token, :mod:`.truth` turns the development
corpus's truth rows into token labels, :mod:`.train` fits the model that ships
as ``model.crfsuite``, :mod:`.model` loads it and labels, and :mod:`.fields`
reads a :class:`~checker.article.model.Reference` off the labels.
"""
