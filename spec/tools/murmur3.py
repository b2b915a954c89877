"""MurmurHash3 x86 32-bit in plain Python: a third, independent implementation of the bucketing
hash (the Java engine uses commons-codec, its tests cross-check with Guava). Used only to place
rollout boundaries in the vectors."""


def murmur3_32(data: bytes, seed: int = 0) -> int:
    c1, c2, mask = 0xCC9E2D51, 0x1B873593, 0xFFFFFFFF

    def rotl(x, r):
        return ((x << r) | (x >> (32 - r))) & mask

    h = seed
    blocks = len(data) // 4
    for i in range(blocks):
        k = int.from_bytes(data[4 * i:4 * i + 4], "little")
        k = rotl((k * c1) & mask, 15)
        h ^= (k * c2) & mask
        h = (rotl(h, 13) * 5 + 0xE6546B64) & mask
    tail = data[4 * blocks:]
    k = 0
    if len(tail) >= 3:
        k ^= tail[2] << 16
    if len(tail) >= 2:
        k ^= tail[1] << 8
    if len(tail) >= 1:
        k ^= tail[0]
        h ^= (rotl((k * c1) & mask, 15) * c2) & mask
    h ^= len(data)
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & mask
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & mask
    h ^= h >> 16
    return h


def bucket(salt: str, value: str) -> int:
    """CONVENTIONS section 3: 0..99999."""
    return (murmur3_32((salt + "." + value).encode("utf-8")) * 100000) >> 32


if __name__ == "__main__":
    assert murmur3_32(b"") == 0
    assert murmur3_32(b"hello") == 0x248BFA47, hex(murmur3_32(b"hello"))
    for key in ["user-1", "user-2", "alice", "bob", "z\u00fcrich", "\U0001F600"]:
        print(key, bucket("boundary", key))
