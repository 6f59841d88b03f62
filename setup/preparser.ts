// The presenter notes carry each Q&A slide's answer (written once, on the slide, revealed on click): the presenter
// view shows it before the click, and `npm run export:notes` prints it. Slidev calls transformSlide and then
// transformNote for each slide in turn, so the answer found in one is added in the other. A heading with markup gets
// a plain title (the notes, the overview and the browser's tab show the title as text).
import { definePreparserSetup } from '@slidev/types'
import { plainTitleOf, qaAnswerOf, withAnswer } from './qa-answer'

export default definePreparserSetup(() => {
  let answer: string | undefined
  return [{
    async transformSlide(content, frontmatter: Record<string, unknown>) {
      const title = plainTitleOf(content)
      if (title && frontmatter.title === undefined) frontmatter.title = title
      answer = qaAnswerOf(content)
      return undefined
    },
    async transformNote(note) {
      const withIt = answer ? withAnswer(note, answer) : undefined
      answer = undefined
      return withIt
    },
  }]
})
