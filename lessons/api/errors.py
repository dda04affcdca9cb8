"""The lesson-plan API's refusals, in the API's one error shape (common/api_errors.py):
bad input is BadInput or a 400 body naming the field; who may do what is the access
service's NotAllowed. config/api_errors.py answers both, for every router alike."""

from common.api_errors import BadInput, bad_input_body

__all__ = ["BadInput", "bad_input_body"]
