import { deref, get } from '../../workspace/nodes';
import { defineRule } from '../rule';
import { containerSites } from './containers';
import { code, nodeSpan } from './helpers';
import { imageTag } from '../../kubernetes/images';

export const imageTagRule = defineRule({
  over: 'kubernetes',
  id: 'k8s-image-tag',
  severity: 'error',
  category: 'kubernetes',
  pattern: 11,
  description: 'A container image is not pinned to a version (`:latest` or no tag).',
  docs: `Pattern 11: images use a specific version tag (or a digest), never \`:latest\` and never no tag (which means
\`latest\`). An unpinned image changes under you, escapes the Trivy scan that approved a version, and cannot be
rolled back by reverting Git. Init containers too.`,
  check(project, { report }) {
    for (const site of containerSites(project.services)) {
      const img = deref(get(site.container.node, 'image'));
      if (img?.kind !== 'scalar' || img.value === null) {
        report({ span: site.at, message: `The ${site.label} has no image; pattern 11 requires ${code('<registry>/<image>:<version>')}.` });
        continue;
      }
      const image = String(img.value);
      const { tag, digest } = imageTag(image);
      if (digest || (tag && tag !== 'latest')) continue;
      report({
        span: nodeSpan(img),
        message: `Image ${code(image)} of the ${site.label} ${tag === 'latest' ? 'uses the `latest` tag' : 'has no tag (so it means `latest`)'}; pattern 11 pins a specific version so deployments are reproducible and scanned. Use ${code(`${image.replace(/:latest$/, '')}:<version>`)}.`,
      });
    }
  },
});
