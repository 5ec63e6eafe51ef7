# English pages keep the Vietnamese date and number formats (dd/mm/yyyy): the documents are Vietnamese.
from tiepdan.formats.vi.formats import *  # noqa: F403
