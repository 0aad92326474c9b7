// SPDX-License-Identifier: AGPL-3.0-or-later

package auth_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

// holdSlots makes the first n hashes of s wait in their slot until release
// is closed (later ones go straight on, so a missing bound fails the test
// instead of hanging it); entered receives one value per hash that took a
// slot.
func holdSlots(s *auth.Service, n int32) (entered chan struct{}, release chan struct{}) {
	entered, release = make(chan struct{}, 100), make(chan struct{})
	var count atomic.Int32
	auth.SetHashHook(s, func() {
		entered <- struct{}{}
		if count.Add(1) <= n {
			<-release
		}
	})
	return entered, release
}

func TestHashesAreBounded(t *testing.T) {
	const n = 2
	t.Run("the next sign-in is refused when every slot stays taken", func(t *testing.T) {
		db := storetest.Open(t)
		s := auth.NewService(db, time.Now, auth.WithHashLimit(n, 0))
		create(t, s, "aino@example.org", auth.Editor)
		entered, release := holdSlots(s, n)
		ctx := context.Background()
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = s.Authenticate(ctx, "aino@example.org", goodPassword, "", fmt.Sprintf("192.0.2.%d", i+1))
			}()
		}
		for range n {
			<-entered
		}
		_, err := s.Authenticate(ctx, "aino@example.org", goodPassword, "", "192.0.2.99")
		if !apperr.Is(err, apperr.RateLimited) || err.(*apperr.Error).MsgID != "auth.busy" {
			t.Errorf("sign-in number %d with %d slots taken: got %v, want RateLimited auth.busy", n+1, n, err)
		}
		if _, err := s.VerifyPassword(ctx, 1, goodPassword); !apperr.Is(err, apperr.RateLimited) {
			t.Errorf("re-authentication must share the bound, got %v", err)
		}
		close(release)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("sign-in %d holding a slot: %v", i, err)
			}
		}
		if _, err := s.Authenticate(ctx, "aino@example.org", goodPassword, "", "192.0.2.99"); err != nil {
			t.Errorf("once the slots are free, sign-in works again: %v", err)
		}
	})
	t.Run("a sign-in waits for a slot within the wait", func(t *testing.T) {
		db := storetest.Open(t)
		s := auth.NewService(db, time.Now, auth.WithHashLimit(1, time.Minute))
		create(t, s, "aino@example.org", auth.Editor)
		entered, release := holdSlots(s, 1)
		ctx := context.Background()
		first := make(chan error, 1)
		go func() {
			_, err := s.Authenticate(ctx, "aino@example.org", goodPassword, "", "192.0.2.1")
			first <- err
		}()
		<-entered
		second := make(chan error, 1)
		go func() {
			_, err := s.Authenticate(ctx, "aino@example.org", goodPassword, "", "192.0.2.2")
			second <- err
		}()
		select {
		case err := <-second:
			t.Fatalf("the second sign-in finished while the only slot was taken: %v", err)
		case <-entered:
			t.Fatal("the second sign-in hashed while the only slot was taken")
		case <-time.After(50 * time.Millisecond):
		}
		close(release)
		if err := <-first; err != nil {
			t.Error(err)
		}
		if err := <-second; err != nil {
			t.Errorf("the waiting sign-in must succeed once a slot is free: %v", err)
		}
	})
}

// TestParallelSignInMemory measures the memory of 80 parallel sign-ins
// from 80 addresses, with the default bound and without one. It only runs
// when NORDCAL_MEASURE=bounded or =unbounded (one per process, since it
// reports the process's peak resident size):
//
//	NORDCAL_MEASURE=unbounded go test ./internal/auth -run ParallelSignInMemory -v
func TestParallelSignInMemory(t *testing.T) {
	mode := os.Getenv("NORDCAL_MEASURE")
	if mode != "bounded" && mode != "unbounded" {
		t.Skip("set NORDCAL_MEASURE=bounded or unbounded to measure")
	}
	db := storetest.Open(t)
	var opts []auth.Option
	if mode == "unbounded" {
		opts = append(opts, auth.WithHashLimit(1000, time.Minute))
	} else {
		opts = append(opts, auth.WithHashLimit(2*runtime.GOMAXPROCS(0), time.Minute))
	}
	s := auth.NewService(db, time.Now, opts...)
	create(t, s, "aino@example.org", auth.Editor)
	runtime.GC()
	before := rss(t, "VmRSS")
	var peakHeap atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
				runtime.ReadMemStats(&m)
				if m.HeapInuse > peakHeap.Load() {
					peakHeap.Store(m.HeapInuse)
				}
			}
		}
	}()
	start := time.Now()
	var wg sync.WaitGroup
	var failed atomic.Int32
	for i := range 80 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.Authenticate(context.Background(), "aino@example.org", goodPassword, "", fmt.Sprintf("127.0.%d.%d", i/250, 1+i%250)); err != nil {
				failed.Add(1)
			}
		}()
	}
	wg.Wait()
	close(stop)
	t.Logf("%s: 80 parallel sign-ins in %v, %d refused; RSS before %d MB, peak RSS %d MB, peak heap in use %d MB",
		mode, time.Since(start).Round(time.Millisecond), failed.Load(), before>>10, rss(t, "VmHWM")>>10, peakHeap.Load()>>20)
}

// rss reads a size in KiB from /proc/self/status.
func rss(t *testing.T, field string) uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			var n uint64
			fmt.Sscanf(strings.TrimSpace(v), "%d", &n)
			return n
		}
	}
	return 0
}
