#!/usr/bin/env python3
"""FAULTY ADAPTER: success reported on a validation error.

Fault: the integration does not look at the errors a screen shows; it reports done whenever the
NSS answered, so a refused input (contract §4: 200 with the same screen and its errors) passes
for a registration.
Caught by: the hard case of client/m000_temp_account.feature 「画面が受け付けない入力は、…」
(a 電話番号 with hyphens): the kit expects
rejected with 「電話番号は「-」(ハイフン)を入力せずに、数字のみ入力してください。」, the client
reports done; the journal's POST apply/input is a validation_error and no mail was sent.
"""

import sys

from reference import Client, main


class DoneOnError(Client):
    def report(self, result):
        if result.get("status") == "rejected":
            return {"status": "done", "outputs": {}}
        return super().report(result)


if __name__ == "__main__":
    sys.exit(main(DoneOnError))
