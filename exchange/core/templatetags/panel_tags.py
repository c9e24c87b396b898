"""``{% panels "slot" name=value ... %}``: the contributions registered for a slot."""

from django import template

from exchange.core.panels import render_panels

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, slot, **arguments):
    return render_panels(slot, context.get("request"), **arguments)
