"""claims: a nightly pipeline that turns news text into a versioned dataset of attributed claims."""
