;; SHA-1's compression function (FIPS 180-4, 6.1.2), for store/sha1.ts: the host copies the message into
;; the buffer at 1024, a block of 64 bytes or many at a time, pads the last ones itself, and reads the
;; state after. Assembled by scripts/wasm.mjs into src/store/sha1-wasm.ts (test/sha1.test.ts checks the
;; two agree, and every digest against node:crypto's).
;;
;; Memory (two pages, 128 KB): [0, 320) the message schedule W[0..79]; [320, 340) the state H0..H4 (i32
;; numbers, stored as wasm stores them); [1024, 1024 + 64 KB + 128) the host's buffer.
(module
  (memory (export "memory") 2)

  ;; A big-endian word (SHA-1 reads the message so) from a little-endian load.
  (func $swap (param $x i32) (result i32)
    (i32.or
      (i32.or
        (i32.shl (local.get $x) (i32.const 24))
        (i32.shl (i32.and (local.get $x) (i32.const 0xff00)) (i32.const 8)))
      (i32.or
        (i32.and (i32.shr_u (local.get $x) (i32.const 8)) (i32.const 0xff00))
        (i32.shr_u (local.get $x) (i32.const 24)))))

  ;; The initial state H0..H4.
  (func (export "reset")
    (i32.store (i32.const 320) (i32.const 0x67452301))
    (i32.store (i32.const 324) (i32.const 0xefcdab89))
    (i32.store (i32.const 328) (i32.const 0x98badcfe))
    (i32.store (i32.const 332) (i32.const 0x10325476))
    (i32.store (i32.const 336) (i32.const 0xc3d2e1f0)))

  ;; The state's word H$k (0..4), as a number (the digest writes it big-endian).
  (func (export "digestWord") (param $k i32) (result i32)
    (i32.load (i32.add (i32.const 320) (i32.shl (local.get $k) (i32.const 2)))))

  ;; Folds $n blocks of 64 bytes, from $at on, into the state.
  (func (export "blocks") (param $at i32) (param $n i32)
    (local $i i32) (local $w i32) (local $t i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $e i32)
    (block $done
      (loop $block
        (br_if $done (i32.eqz (local.get $n)))
        ;; W[0..15]: the block's words.
        (local.set $i (i32.const 0))
        (loop $load
          (i32.store
            (i32.shl (local.get $i) (i32.const 2))
            (call $swap (i32.load (i32.add (local.get $at) (i32.shl (local.get $i) (i32.const 2))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $load (i32.lt_u (local.get $i) (i32.const 16))))
        ;; W[16..79] = rotl1(W[i-3] ^ W[i-8] ^ W[i-14] ^ W[i-16]).
        (loop $expand
          (local.set $w (i32.shl (local.get $i) (i32.const 2)))
          (i32.store
            (local.get $w)
            (i32.rotl
              (i32.xor
                (i32.xor
                  (i32.load (i32.sub (local.get $w) (i32.const 12)))
                  (i32.load (i32.sub (local.get $w) (i32.const 32))))
                (i32.xor
                  (i32.load (i32.sub (local.get $w) (i32.const 56)))
                  (i32.load (i32.sub (local.get $w) (i32.const 64)))))
              (i32.const 1)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $expand (i32.lt_u (local.get $i) (i32.const 80))))
        (local.set $a (i32.load (i32.const 320)))
        (local.set $b (i32.load (i32.const 324)))
        (local.set $c (i32.load (i32.const 328)))
        (local.set $d (i32.load (i32.const 332)))
        (local.set $e (i32.load (i32.const 336)))
        ;; Rounds 0-19: Ch(b, c, d) = (b & c) | (~b & d), K = 0x5a827999.
        (local.set $i (i32.const 0))
        (loop $rounds0
          (local.set $t
            (i32.add
              (i32.add
                (i32.rotl (local.get $a) (i32.const 5))
                (i32.or
                  (i32.and (local.get $b) (local.get $c))
                  (i32.and (i32.xor (local.get $b) (i32.const -1)) (local.get $d))))
              (i32.add
                (i32.add (local.get $e) (i32.const 0x5a827999))
                (i32.load (i32.shl (local.get $i) (i32.const 2))))))
          (local.set $e (local.get $d))
          (local.set $d (local.get $c))
          (local.set $c (i32.rotl (local.get $b) (i32.const 30)))
          (local.set $b (local.get $a))
          (local.set $a (local.get $t))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $rounds0 (i32.lt_u (local.get $i) (i32.const 20))))
        ;; Rounds 20-39: Parity(b, c, d) = b ^ c ^ d, K = 0x6ed9eba1.
        (loop $rounds1
          (local.set $t
            (i32.add
              (i32.add
                (i32.rotl (local.get $a) (i32.const 5))
                (i32.xor (i32.xor (local.get $b) (local.get $c)) (local.get $d)))
              (i32.add
                (i32.add (local.get $e) (i32.const 0x6ed9eba1))
                (i32.load (i32.shl (local.get $i) (i32.const 2))))))
          (local.set $e (local.get $d))
          (local.set $d (local.get $c))
          (local.set $c (i32.rotl (local.get $b) (i32.const 30)))
          (local.set $b (local.get $a))
          (local.set $a (local.get $t))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $rounds1 (i32.lt_u (local.get $i) (i32.const 40))))
        ;; Rounds 40-59: Maj(b, c, d) = (b & c) | (b & d) | (c & d), K = 0x8f1bbcdc.
        (loop $rounds2
          (local.set $t
            (i32.add
              (i32.add
                (i32.rotl (local.get $a) (i32.const 5))
                (i32.or
                  (i32.or
                    (i32.and (local.get $b) (local.get $c))
                    (i32.and (local.get $b) (local.get $d)))
                  (i32.and (local.get $c) (local.get $d))))
              (i32.add
                (i32.add (local.get $e) (i32.const 0x8f1bbcdc))
                (i32.load (i32.shl (local.get $i) (i32.const 2))))))
          (local.set $e (local.get $d))
          (local.set $d (local.get $c))
          (local.set $c (i32.rotl (local.get $b) (i32.const 30)))
          (local.set $b (local.get $a))
          (local.set $a (local.get $t))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $rounds2 (i32.lt_u (local.get $i) (i32.const 60))))
        ;; Rounds 60-79: Parity again, K = 0xca62c1d6.
        (loop $rounds3
          (local.set $t
            (i32.add
              (i32.add
                (i32.rotl (local.get $a) (i32.const 5))
                (i32.xor (i32.xor (local.get $b) (local.get $c)) (local.get $d)))
              (i32.add
                (i32.add (local.get $e) (i32.const 0xca62c1d6))
                (i32.load (i32.shl (local.get $i) (i32.const 2))))))
          (local.set $e (local.get $d))
          (local.set $d (local.get $c))
          (local.set $c (i32.rotl (local.get $b) (i32.const 30)))
          (local.set $b (local.get $a))
          (local.set $a (local.get $t))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $rounds3 (i32.lt_u (local.get $i) (i32.const 80))))
        (i32.store (i32.const 320) (i32.add (i32.load (i32.const 320)) (local.get $a)))
        (i32.store (i32.const 324) (i32.add (i32.load (i32.const 324)) (local.get $b)))
        (i32.store (i32.const 328) (i32.add (i32.load (i32.const 328)) (local.get $c)))
        (i32.store (i32.const 332) (i32.add (i32.load (i32.const 332)) (local.get $d)))
        (i32.store (i32.const 336) (i32.add (i32.load (i32.const 336)) (local.get $e)))
        (local.set $at (i32.add (local.get $at) (i32.const 64)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $block)))))
