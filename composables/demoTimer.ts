// Each demo's time against the seed's budget ("time yourself — Demo 3 in < 20 min"), for the presenter view: the timer
// starts when the presenter reaches the demo's first slide (`routeAlias: demoN`) and stops at its last (`demoN-end`),
// or by a click; a stopped run goes to the practice log (the channel's `practice-demo`). Slide ranges come from the
// slides' own frontmatter. One timer for the page: it runs on while the presenter moves between the demo's slides.
import { computed, effectScope, reactive, watch } from 'vue'
import { useNav } from '@slidev/client'
import { DEMO_BUDGET_MINUTES, type PracticeEntry } from '../shared/drills'
import { useSidecarChannel } from './sidecarChannel'
import { errorMessage } from './sidecarError'

interface Range { demo: number; first: number; last: number }

/** `routeAlias: demo3` … `demo3-end` → demo 3's slides; only the seed's demos have a budget */
export function demoRanges(slides: readonly { no: number; meta: { slide: { frontmatter: Record<string, unknown> } } }[]): Range[] {
  const first = new Map<number, number>()
  const ranges: Range[] = []
  for (const slide of slides) {
    const alias = /^demo(\d+)(-end)?$/.exec(String(slide.meta.slide.frontmatter.routeAlias ?? ''))
    const demo = Number(alias?.[1])
    if (!alias || DEMO_BUDGET_MINUTES[demo] === undefined) continue
    if (!alias[2]) first.set(demo, slide.no)
    else if (first.has(demo)) ranges.push({ demo, first: first.get(demo)!, last: slide.no })
  }
  return ranges
}

interface Running { demo: number; startedAt: number }

// a reload of the presenter's page must not lose the demo's time: the tab's session keeps the running timer
const SESSION_KEY = 'pgdemo.demo-timer'
const session = typeof sessionStorage === 'undefined' ? undefined : sessionStorage

function savedRun(): Running | undefined {
  try {
    const run = JSON.parse(session?.getItem(SESSION_KEY) ?? 'null') as Partial<Running> | null
    return typeof run?.demo === 'number' && typeof run.startedAt === 'number' ? { demo: run.demo, startedAt: run.startedAt } : undefined
  } catch {
    return undefined
  }
}

const timer = reactive({
  running: savedRun(),
  logged: undefined as PracticeEntry | undefined,
  error: undefined as string | undefined,
})
let watching = false

/** `follow`: start and stop with the presenter's slides (the presenter view's slide only) */
export function useDemoTimer(follow: boolean) {
  const nav = useNav()
  const { request } = useSidecarChannel()
  const ranges = computed(() => demoRanges(nav.slides.value))
  const here = computed(() => ranges.value.find((r) => r.first <= nav.currentSlideNo.value && nav.currentSlideNo.value <= r.last))

  function start(demo: number) {
    timer.running = { demo, startedAt: Date.now() }
    timer.logged = timer.error = undefined
    session?.setItem(SESSION_KEY, JSON.stringify(timer.running))
  }
  async function stop() {
    const run = timer.running
    if (!run) return
    timer.running = undefined
    session?.removeItem(SESSION_KEY)
    try {
      timer.logged = await request('practice-demo', { demo: run.demo, ms: Date.now() - run.startedAt })
    } catch (err) {
      timer.error = `Demo ${run.demo}'s time was not logged: ${errorMessage(err)}`
    }
  }

  // once per page, however many slides mount the timer: the first and last slide of a demo start and stop it
  if (follow && !watching) {
    watching = true
    effectScope(true).run(() => watch(() => nav.currentSlideNo.value, (no) => {
      const range = ranges.value.find((r) => r.first === no || r.last === no)
      if (!range) return
      if (no === range.first && timer.running?.demo !== range.demo) start(range.demo)
      else if (no === range.last && timer.running?.demo === range.demo) void stop()
    }, { immediate: true }))
  }
  return { timer, here, start, stop }
}
