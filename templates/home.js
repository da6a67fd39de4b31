// @ts-check
/**
 * The digest: stories grouped by day, newest first, with links to older pages.
 * @param {import('../src/templates.js').TemplateContext} ctx
 * @param {import('../src/templates.js').DigestProps} props
 */
export default function home(ctx, props) {
  const { h, site, templates } = ctx
  // The layout adds the site's name to every title: a numbered page of the digest is "Latest news: page 2 · Site".
  const heading = props.title ?? (props.page === 1 ? site.title : ctx.label('numberedPage', { title: ctx.label('latestNews'), page: props.page }))
  return templates.layout(ctx, {
    title: props.page === 1 ? props.title ?? site.title : heading,
    description: props.description ?? site.description,
    route: props.route,
    children: [
      h('h1.page-title', props.page === 1 && !props.title ? ctx.label('latestNews') : heading),
      ...(props.intro ? [h('p.intro', props.intro)] : []),
      h('div.h-feed', [
        h('data.p-name', { value: heading }),
        ...(props.groups.length === 0 ? [h('p', ctx.label('noStories'))] : []),
        ...props.groups.map((group) =>
          h('section.day', { 'aria-labelledby': `day-${group.day}` }, [
            h('h2.day-title', { id: `day-${group.day}` }, group.archiveRoute ? h('a', { href: ctx.url(group.archiveRoute) }, ctx.format.day(group.day)) : ctx.format.day(group.day)),
            ...group.articles.map((article) => templates.story(ctx, { article, headingLevel: 3 }))
          ])
        )
      ]),
      ...(props.pagination ? [templates.pagination(ctx, props.pagination)] : [])
    ]
  })
}
