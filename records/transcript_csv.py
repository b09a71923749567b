"""The CE transcript as CSV rows: one row per certificate, in the columns boards ask for, then
one per credit earned elsewhere, its status saying whether it counts."""

from records.selectors import Transcript

TRANSCRIPT_COLUMNS = [
    "Certificate number",
    "Status",
    "Approved course title",
    "Body",
    "Approval number",
    "CE hours",
    "Topic categories",
    "Completed on",
    "Counts toward the cycle ending",
    "Verification page",
    "Provider",
]


def transcript_rows(transcript: Transcript, *, site_root: str):
    """TRANSCRIPT_COLUMNS: one row per body that approved each course (one if none did)."""
    cycle_end = transcript.cycle_end.isoformat()
    for entry in transcript.entries:
        status = "Revoked" if entry.is_revoked else "Issued"
        verify_url = site_root + entry.verify_path
        completed_on = entry.completed_on.isoformat()
        for approval in entry.approvals:
            yield [
                entry.number,
                status,
                approval.approved_title,
                approval.body,
                approval.approval_number,
                approval.hours,
                "; ".join(approval.categories),
                completed_on,
                cycle_end if transcript.counts(entry, approval) else "no",
                verify_url,
                entry.provider,
            ]
        if not entry.approvals:
            yield [entry.number, status, entry.title, "", "", entry.course_hours, "",
                   completed_on, "no", verify_url, entry.provider]  # fmt: skip
    for credit in transcript.external:
        yield [
            "",
            credit.label,
            credit.title,
            credit.body,
            "",
            credit.hours,
            "; ".join(credit.categories),
            credit.completed_on.isoformat(),
            cycle_end if transcript.external_counts(credit) else "no",
            "",
            credit.provider,
        ]
