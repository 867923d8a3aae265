"""Staff import at 500 and 5,000 data rows (the most one file takes): new people, the same
file again (every row an update), and a file whose every row is bad. Linear in rows: the
5,000-row figures should be about ten times the 500-row ones, and under 2 s."""

import io
import random
import statistics
import time

from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app.org.demo import make_national_id
from tests.conftest import token

HEADER = "username,national_id,full_name,position,unit,role,email\n"


def _file(count, seed):
    rng = random.Random(seed)
    ids = set()
    while len(ids) < count:
        ids.add(make_national_id(rng))
    rows = [f"b{seed}-{i:05d},{nid},นายทดสอบ ลำดับที่{i} ใจดี,เจ้าพนักงานธุรการ,กอง{i % 9},"
            f"{'hr' if i == 0 else 'officer'},b{i}@example.org" for i, nid in enumerate(ids)]
    return (HEADER + "\n".join(rows) + "\n").encode()


def _bad_file(count):
    return (HEADER + "".join(f"Bad Name {i},12345,,,,boss,not-mail\n"
                             for i in range(count))).encode()


def _post(client, lao_id, data, headers):
    boundary, body = encode_multipart({"file": FileStorage(io.BytesIO(data), "staff.csv")})
    start = time.perf_counter()
    response = client.post(f"/api/v1/laos/{lao_id}/staff/import", headers=headers, data=body,
                           content_type=f"multipart/form-data; boundary={boundary}")
    return time.perf_counter() - start, response


def test_import_time_grows_linearly_with_rows(client, factory):
    print(f"\n{'rows':>6} {'new s':>7} {'again s':>8} {'all bad s':>10} {'bad reply KB':>13}")
    seed = 0
    for size in (500, 5000):
        new, again, bad = [], [], []
        for _run in range(3):
            seed += 1
            lao = factory.lao(code=f"65{seed:05d}"[:7])
            hr = token(client, factory.user(lao, "hr").username)
            data = _file(size, seed)
            took, response = _post(client, lao.id, data, hr)
            assert response.status_code == 200, response.get_json()
            assert response.get_json()["created"] == size
            new.append(took)
            took, response = _post(client, lao.id, data, hr)
            assert response.get_json()["updated"] == size
            again.append(took)
            took, response = _post(client, lao.id, _bad_file(size), hr)
            assert response.status_code == 422
            bad.append(took)
            reply_kb = len(response.get_data()) / 1024
        print(f"{size:>6} {statistics.median(new):>7.2f} {statistics.median(again):>8.2f} "
              f"{statistics.median(bad):>10.2f} {reply_kb:>13.1f}")
