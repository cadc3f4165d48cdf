import RateLimits
import Testing

@Suite("Token bucket")
struct TokenBucketTests {
    @Test("starts full, refills continuously up to the capacity, and says how long a taker waits")
    func refillsAndWaits() {
        var bucket = TokenBucket(limit: 60, window: 60)
        bucket.refill(to: 100)
        #expect(bucket.level == 60 && bucket.wait(for: 60) == 0)
        bucket.take(60)
        #expect(bucket.wait(for: 1) == 1)
        bucket.refill(to: 100.5)
        #expect(bucket.level == 0.5 && bucket.wait(for: 1) == 0.5)
        bucket.refill(to: 1_000)
        #expect(bucket.level == 60)
        #expect(bucket.wait(for: 61) == nil)
    }

    @Test("taking ahead of time overdraws, and the next taker waits for the debt too; a utilisation shrinks the bucket")
    func overdraws() {
        var bucket = TokenBucket(limit: 1_000, window: 60, utilisation: 0.6, now: 0)
        #expect(bucket.capacity == 600 && bucket.refillPerSecond == 10)
        bucket.take(800)
        #expect(bucket.level == -200)
        #expect(bucket.wait(for: 100) == 30)
        bucket.refill(to: 5)
        #expect(bucket.level == -150)
        bucket.refill(to: 4)  // time never runs backwards
        #expect(bucket.level == -150)
    }

    @Test("a bucket that never refills never fits what it lacks")
    func noRefill() {
        let empty = TokenBucket(limit: 0, window: 60)
        #expect(empty.wait(for: 1) == nil)
        #expect(empty.wait(for: 0) == 0)
    }
}
