/* nfq-delay.c -- netem-like fixed delay for kernels without sch_netem.
 *
 * Holds every packet that an iptables NFQUEUE rule sends to queue Q for D ms,
 * then accepts it (FIFO, so order is kept).  Run it inside the network
 * namespace whose rule feeds it, e.g.
 *   ip netns exec NS iptables-legacy -A OUTPUT -o eth0 -j NFQUEUE --queue-num 0 --queue-bypass
 *   ip netns exec NS ./nfq-delay 0 50 &
 * (tests/lab/sshd-hosts.sh delay WORKDIR N MS does all of this.)
 * Build: gcc -O2 -o nfq-delay nfq-delay.c -lnetfilter_queue
 * Ends on SIGTERM/SIGINT after releasing everything it holds.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <linux/netfilter.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

#define RING (1u << 16)
static struct { uint32_t id; uint64_t due_ns; } ring[RING];
static unsigned head, tail;              /* [head, tail) are held */
static uint64_t delay_ns;
static volatile sig_atomic_t stop;
static struct nfq_q_handle *qh;

static uint64_t now_ns(void) {
    struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int on_packet(struct nfq_q_handle *q, struct nfgenmsg *m,
                     struct nfq_data *d, void *u) {
    (void)m; (void)u;
    struct nfqnl_msg_packet_hdr *ph = nfq_get_msg_packet_hdr(d);
    if (!ph) return 0;
    uint32_t id = ntohl(ph->packet_id);
    if (tail - head >= RING)             /* full: let it through at once */
        return nfq_set_verdict(q, id, NF_ACCEPT, 0, NULL);
    ring[tail % RING].id = id;
    ring[tail % RING].due_ns = now_ns() + delay_ns;
    tail++;
    return 0;
}

static void release_due(int all) {
    uint64_t t = now_ns();
    while (head != tail && (all || ring[head % RING].due_ns <= t)) {
        nfq_set_verdict(qh, ring[head % RING].id, NF_ACCEPT, 0, NULL);
        head++;
    }
}

static void on_sig(int s) { (void)s; stop = 1; }

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s QUEUE_NUM DELAY_MS\n", argv[0]); return 2; }
    int qnum = atoi(argv[1]);
    delay_ns = (uint64_t)strtoull(argv[2], NULL, 10) * 1000000ull;
    struct nfq_handle *h = nfq_open();
    if (!h) { perror("nfq_open"); return 1; }
    nfq_unbind_pf(h, AF_INET); nfq_bind_pf(h, AF_INET);
    qh = nfq_create_queue(h, (uint16_t)qnum, on_packet, NULL);
    if (!qh) { perror("nfq_create_queue"); return 1; }
    if (nfq_set_mode(qh, NFQNL_COPY_META, 0) < 0) { perror("nfq_set_mode"); return 1; }
    nfq_set_queue_maxlen(qh, RING);
    nfq_set_queue_flags(qh, NFQA_CFG_F_FAIL_OPEN, NFQA_CFG_F_FAIL_OPEN);
    int fd = nfq_fd(h);
    int rcv = 8 << 20; setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcv, sizeof rcv);
    signal(SIGTERM, on_sig); signal(SIGINT, on_sig);
    fprintf(stderr, "nfq-delay: queue %d, %s ms\n", qnum, argv[2]);
    char buf[65536];
    while (!stop) {
        int timeout = -1;
        if (head != tail) {
            uint64_t t = now_ns(), due = ring[head % RING].due_ns;
            timeout = due > t ? (int)((due - t + 999999) / 1000000) : 0;
        }
        struct pollfd p = { .fd = fd, .events = POLLIN };
        int r = poll(&p, 1, timeout);
        if (r > 0) {
            ssize_t n;
            while ((n = recv(fd, buf, sizeof buf, MSG_DONTWAIT)) > 0)
                nfq_handle_packet(h, buf, (int)n);
            if (n < 0 && errno == ENOBUFS) fprintf(stderr, "nfq-delay: ENOBUFS (packets lost)\n");
        }
        release_due(0);
    }
    release_due(1);
    nfq_destroy_queue(qh);
    nfq_close(h);
    return 0;
}
